// The pane's theme: Fluent's light theme with Chinese UI fonts first in line. Font names only: the
// fonts come from the system, nothing is downloaded (no CDN fonts).

import { webLightTheme, Theme } from '@fluentui/react-components';

const CJK_UI =
  "'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei'";

export const paneTheme: Theme = {
  ...webLightTheme,
  fontFamilyBase: `'Segoe UI', ${CJK_UI}, -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif`,
};
