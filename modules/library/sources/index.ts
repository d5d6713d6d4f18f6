import type { AnyModuleDefinition } from '../../sdk/define-module';
import { bars } from './bars';
import { constant } from './constant';
import { account } from './account';
import { position } from './position';
import { marketState } from './market-state';
import { trades } from './trades';
import { book } from './book';
import { bookDepth } from './book-depth';
import { bookImbalance } from './book-imbalance';
import { microprice } from './microprice';
import { aggregatedBookDepth } from './aggregated-book-depth';
import { funding } from './funding';
import { markIndex } from './mark-index';
import { openInterest } from './open-interest';

export const sourcesModules: AnyModuleDefinition[] = [
  bars,
  constant,
  position,
  account,
  marketState,
  trades,
  book,
  bookDepth,
  bookImbalance,
  microprice,
  aggregatedBookDepth,
  funding,
  markIndex,
  openInterest,
];
