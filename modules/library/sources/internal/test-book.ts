// The book the book-source tests work by hand: mid 100.05; a 10 bps band reaches down to
// 99.94995 (bids 100 and 99.95) and up to 100.15005 (asks 100.1 and 100.15).
export const bids = [
  [100, 2],
  [99.95, 3],
  [99.9, 5],
  [99, 10],
] as const;
export const asks = [
  [100.1, 1],
  [100.15, 4],
  [100.3, 6],
] as const;
