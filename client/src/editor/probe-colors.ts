// Colours of plotted probe series, in subscription order; distinct on a dark background.
const seriesColors = ['#5fb3f9', '#f2b84b', '#7fd17f', '#f36f7f', '#b48ef7', '#4dd0c8', '#f59e6b', '#d0d46a'];

export function probeSeriesColor(index: number): string {
  return seriesColors[index % seriesColors.length];
}
