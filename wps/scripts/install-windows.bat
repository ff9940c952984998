@echo off
rem Installs the jixiao WPS add-in for the current user (runs install-windows.ps1 next to this file).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install-windows.ps1" %*
pause
