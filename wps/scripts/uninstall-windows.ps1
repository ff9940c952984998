# 卸载“绩效评价助手”WPS 表格加载项（本用户）。用法：双击 uninstall-windows.bat
param([string]$JsAddons = '')

$ErrorActionPreference = 'Stop'
$name = '@NAME@'
if (-not $JsAddons) { $JsAddons = Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }

$removed = $false
if (Test-Path $JsAddons) {
  Get-ChildItem -Path $JsAddons | Where-Object { $_.PSIsContainer -and $_.Name -like "${name}_*" } | ForEach-Object {
    Remove-Item -Recurse -Force -LiteralPath $_.FullName
    $removed = $true
  }
}
$pub = Join-Path $JsAddons 'publish.xml'
if (Test-Path $pub) {
  Copy-Item -Force -LiteralPath $pub -Destination "$pub.bak"
  $text = [System.IO.File]::ReadAllText($pub)
  $text = [regex]::Replace($text, '\s*<jsplugin\b[^>]*\bname="' + [regex]::Escape($name) + '"[^>]*/>', '')
  [System.IO.File]::WriteAllText($pub, $text, (New-Object System.Text.UTF8Encoding $false))
}
if ($removed) { Write-Host '已卸载 绩效评价助手。重新启动 WPS 表格后，“绩效评价”选项卡不再出现。' }
else { Write-Host "没有找到已安装的 绩效评价助手（$JsAddons）。" }
