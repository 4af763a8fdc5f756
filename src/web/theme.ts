import { Alert, Badge, createTheme } from '@mantine/core';

// Darker text for "dimmed" so secondary text keeps a 4.5:1 contrast on white (WCAG AA).
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif',
  components: {
    // Light alerts draw their title in a light tint of the colour: too pale on the tinted background.
    // Badges carry Japanese and long English labels: no capitals, no truncation.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none', height: 'auto', minHeight: 'var(--badge-height)' }, label: { overflow: 'visible', whiteSpace: 'normal' } } }),
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-black)' } } }),
  },
});

export const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a' },
  dark: {},
});
