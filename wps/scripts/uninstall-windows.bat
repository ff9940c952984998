@echo off
rem Uninstalls the jixiao WPS add-in for the current user (runs uninstall-windows.ps1 next to this file).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0uninstall-windows.ps1" %*
pause
