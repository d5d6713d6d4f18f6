// The account as the ledger books it: equity first, then where it comes from, then margin.
import type { TradeAccount } from '@patchdesk/modules/contracts/trading';
import { formatMoney, formatPercent, formatSignedMoney, signClass } from './format-trading';

interface Row {
  key: keyof TradeAccount;
  label: string;
  title: string;
  signed?: boolean;
}

const rows: Row[] = [
  { key: 'equity', label: 'Equity', title: 'Cash + unrealised PnL' },
  { key: 'cash', label: 'Cash', title: 'Wallet balance: deposits + realised PnL - fees + funding' },
  { key: 'realisedPnl', label: 'Realised PnL', title: 'Closed trades, before fees', signed: true },
  { key: 'unrealisedPnl', label: 'Unrealised PnL', title: 'Open positions at the mark price', signed: true },
  { key: 'fees', label: 'Fees', title: 'Paid (a rebate counts negative)' },
  { key: 'fundingPnl', label: 'Funding', title: 'Funding received minus paid', signed: true },
  { key: 'freeMargin', label: 'Free margin', title: 'Available for new orders' },
];

export function AccountSummary({ account }: { account: TradeAccount }) {
  return (
    <dl className="trading-account" data-testid="trading-account">
      {rows.map((row) => {
        const value = account[row.key] as number;
        return (
          <div key={row.key} className="trading-account__row" title={row.title}>
            <dt>{row.label}</dt>
            <dd
              className={row.signed ? `trading--${signClass(value)}` : undefined}
              data-testid={`account-${row.key}`}
              data-value={value}
            >
              {row.signed ? formatSignedMoney(value) : formatMoney(value)}
            </dd>
          </div>
        );
      })}
      <div
        className="trading-account__row"
        title="Maintenance margin over margin balance: liquidation at 100 %"
      >
        <dt>Margin ratio</dt>
        <dd
          className={account.marginRatio >= 0.8 ? 'trading--down' : undefined}
          data-testid="account-marginRatio"
          data-value={account.marginRatio}
        >
          {formatPercent(account.marginRatio)}
        </dd>
      </div>
      <div className="trading-account__currency">in {account.currency}</div>
    </dl>
  );
}
