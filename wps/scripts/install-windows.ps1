# 安装“绩效评价助手”WPS 表格加载项（本用户，离线，无需服务器）：%APPDATA%\kingsoft\wps\jsaddons
# 用法：双击 install-windows.bat；或  powershell -ExecutionPolicy Bypass -File install-windows.ps1 [-JsAddons 目录]
# 安装前请先关闭 WPS。兼容 Windows 7 自带的 PowerShell 2.0。
param([string]$JsAddons = '')

$ErrorActionPreference = 'Stop'
$name = '@NAME@'
$version = '@VERSION@'
$folder = "${name}_${version}"
$entry = '@PUBLISH_ENTRY@'

if (-not $JsAddons) { $JsAddons = Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$src = Join-Path $here $folder

if (-not (Test-Path (Join-Path $src 'ribbon.xml'))) {
  Write-Host "安装失败：找不到加载项文件夹 $src（请在解压后的安装包目录中运行）。"
  exit 1
}

if (-not (Test-Path $JsAddons)) { New-Item -ItemType Directory -Force -Path $JsAddons | Out-Null }

# 旧版本的本加载项先移走（其他加载项不动）。
Get-ChildItem -Path $JsAddons | Where-Object { $_.PSIsContainer -and $_.Name -like "${name}_*" } | ForEach-Object {
  Remove-Item -Recurse -Force -LiteralPath $_.FullName
}
Copy-Item -Recurse -Force -LiteralPath $src -Destination (Join-Path $JsAddons $folder)

# 在 publish.xml 中登记：保留其他加载项的记录，替换本加载项的旧记录。
$pub = Join-Path $JsAddons 'publish.xml'
$text = ''
if (Test-Path $pub) {
  Copy-Item -Force -LiteralPath $pub -Destination "$pub.bak"
  $text = [System.IO.File]::ReadAllText($pub)
}
$text = [regex]::Replace($text, '\s*<jsplugin\b[^>]*\bname="' + [regex]::Escape($name) + '"[^>]*/>', '')
if ($text -match '</jsplugins>') {
  $text = $text.Replace('</jsplugins>', "  $entry`r`n</jsplugins>")
} else {
  $text = "<?xml version=`"1.0`" encoding=`"UTF-8`"?>`r`n<jsplugins>`r`n  $entry`r`n</jsplugins>`r`n"
}
[System.IO.File]::WriteAllText($pub, $text, (New-Object System.Text.UTF8Encoding $false))

Write-Host "已安装 绩效评价助手 $version 到 $(Join-Path $JsAddons $folder)"
Write-Host '请重新启动 WPS 表格，在功能区的“绩效评价”选项卡中点击“打开助手”。'
Write-Host 'WPS 12 及以后的版本第一次加载时会询问是否信任本加载项：请选择“信任”，然后再重启一次 WPS，选项卡才会出现。'

# 曾选择“不信任”时，WPS 把它记在 jsaddons\authaddin.json 里，选项卡会一直隐藏：只提示、不修改。
$auth = Join-Path $JsAddons 'authaddin.json'
if ((Test-Path $auth) -and ((Get-Content -Raw -Encoding UTF8 $auth) -match [regex]::Escape($name))) {
  Write-Host ''
  Write-Host "提示：$auth 中已有本加载项的信任记录。若重启后仍看不到“绩效评价”选项卡，请退出 WPS，删除该文件中 $name 的那一条（或备份后删除整个文件），再启动 WPS 并选择“信任”。"
}
