#!/bin/sh
# 卸载“绩效评价助手”WPS 表格加载项（本用户）。用法：sh uninstall-linux.sh [加载项目录]
set -eu

NAME='@NAME@'
DEFAULT_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/Kingsoft/wps/jsaddons"
DEST_ROOT="${1:-${JIXIAO_JSADDONS:-$DEFAULT_DIR}}"

removed=0
for old in "$DEST_ROOT/${NAME}"_*; do
  if [ -d "$old" ]; then rm -rf "$old"; removed=1; fi
done

PUB="$DEST_ROOT/publish.xml"
if [ -f "$PUB" ]; then
  cp "$PUB" "$PUB.bak"
  tr '\n' '\r' < "$PUB.bak" | sed -e "s#[[:space:]]*<jsplugin[^>]*name=\"$NAME\"[^>]*/>##g" | tr '\r' '\n' > "$PUB"
fi

if [ "$removed" = 1 ]; then
  echo "已卸载 绩效评价助手。重新启动 WPS 表格后，“绩效评价”选项卡不再出现。"
else
  echo "没有找到已安装的 绩效评价助手（$DEST_ROOT）。"
fi
