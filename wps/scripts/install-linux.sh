#!/bin/sh
# 安装“绩效评价助手”WPS 表格加载项（本用户，离线，无需服务器）。
# 适用于 Linux 版 WPS，包括统信 UOS、银河麒麟等信创系统：加载项目录 ~/.local/share/Kingsoft/wps/jsaddons。
#
# 用法：在解压后的安装包目录中运行   sh install-linux.sh
#       指定其他加载项目录           sh install-linux.sh /path/to/jsaddons
#                                     （或设置环境变量 JIXIAO_JSADDONS）
# 安装前请先关闭 WPS；安装后重新打开 WPS 表格，功能区出现“绩效评价”选项卡。
set -eu

NAME='@NAME@'
VERSION='@VERSION@'
FOLDER="${NAME}_${VERSION}"
ENTRY='@PUBLISH_ENTRY@'

HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/$FOLDER"
DEFAULT_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/Kingsoft/wps/jsaddons"
DEST_ROOT="${1:-${JIXIAO_JSADDONS:-$DEFAULT_DIR}}"

if [ ! -f "$SRC/ribbon.xml" ]; then
  echo "安装失败：找不到加载项文件夹 $SRC（请在解压后的安装包目录中运行本脚本）。" >&2
  exit 1
fi

mkdir -p "$DEST_ROOT"

# 旧版本的本加载项先移走（其他加载项不动）。
for old in "$DEST_ROOT/${NAME}"_*; do
  if [ -d "$old" ]; then rm -rf "$old"; fi
done
cp -R "$SRC" "$DEST_ROOT/$FOLDER"

# 在 publish.xml 中登记：保留其他加载项的记录，替换本加载项的旧记录。
PUB="$DEST_ROOT/publish.xml"
if [ -f "$PUB" ] && grep -q '</jsplugins>' "$PUB"; then
  cp "$PUB" "$PUB.bak"
  # The whole file on one line (newlines as CR) so that records spanning lines are matched too.
  CR=$(printf '\r')
  tr '\n' '\r' < "$PUB.bak" \
    | sed -e "s#[[:space:]]*<jsplugin[^>]*name=\"$NAME\"[^>]*/>##g" -e "s#</jsplugins>#  $ENTRY$CR</jsplugins>#" \
    | tr '\r' '\n' > "$PUB"
else
  printf '%s\n%s\n  %s\n%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<jsplugins>' "$ENTRY" '</jsplugins>' > "$PUB"
fi

echo "已安装 绩效评价助手 $VERSION 到 $DEST_ROOT/$FOLDER"
echo "请重新启动 WPS 表格，在功能区的“绩效评价”选项卡中点击“打开助手”。"
echo "WPS 12 及以后的版本第一次加载时会询问是否信任本加载项：请选择“信任”，然后再重启一次 WPS，选项卡才会出现。"

# 曾选择“不信任”时，WPS 把它记在 jsaddons/authaddin.json 里，选项卡会一直隐藏：只提示、不修改。
AUTH="$DEST_ROOT/authaddin.json"
if [ -f "$AUTH" ] && grep -q "$NAME" "$AUTH"; then
  echo ""
  echo "提示：$AUTH 中已有本加载项的信任记录。若重启后仍看不到“绩效评价”选项卡，请退出 WPS，删除该文件中 $NAME 的那一条（或备份后删除整个文件），再启动 WPS 并选择“信任”。"
fi

# 部分企业版/信创版 WPS 默认关闭 JS 加载项：检查 oem.ini，只提示、不修改（需要管理员权限）。
for ini in /opt/kingsoft/wps-office/office6/cfgs/oem.ini /opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/cfgs/oem.ini; do
  if [ -f "$ini" ] && ! grep -qi '^[[:space:]]*JsApiPlugin[[:space:]]*=[[:space:]]*true' "$ini"; then
    echo ""
    echo "提示：$ini 中没有启用 JS 加载项。若重启后看不到“绩效评价”选项卡，请让管理员在该文件的 [Support] 节中加入："
    echo "    JsApiPlugin=true"
  fi
done
