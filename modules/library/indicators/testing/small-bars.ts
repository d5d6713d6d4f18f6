// Hand-sized bars for the directional-movement tests (ADX, +DI, -DI), worked through by hand:
//   bar  high low close   +DM1 -DM1 TR1   smoothed (period 2) +DM  -DM   TR
//   0    10   8   9
//   1    12   9   11      2    0    3     (sums)              2    0     3
//   2    13   10  12      1    0    3                         2    0     4.5
//   3    12   7   8       0    3    5                         1    3     7.25
//   4    9    6   7       0    1    3                         0.5  2.5   6.625
export const directionalBars = {
  high: [10, 12, 13, 12, 9],
  low: [8, 9, 10, 7, 6],
  close: [9, 11, 12, 8, 7],
};
