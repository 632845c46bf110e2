import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartRow = {
  key: string;
  label: string;
  count: number;
  /** A shorter label for the axis ("Mon"); the table always gives the full one. */
  axisLabel?: string;
};

type PatternChartProps = {
  title: string;
  /** The heading of the first column of the table: "Category", "Hour". */
  keyLabel: string;
  rows: ChartRow[];
  /** Bars across the page, for long labels; otherwise bars up from the axis. */
  isHorizontal?: boolean;
  empty?: string;
};

const barColour = '#1d4f5e';
const axisColour = '#4f5d63';

/**
 * A bar chart with the same numbers as a table. Screen readers always get the table; anyone
 * can switch to it with "Show as table".
 */
export function PatternChart({
  title,
  keyLabel,
  rows,
  isHorizontal = false,
  empty = 'No incidents in this period.',
}: PatternChartProps) {
  const id = useId();
  const [isTable, setIsTable] = useState(false);
  const hasData = rows.some((row) => row.count > 0);
  const height = isHorizontal ? Math.max(160, rows.length * 34 + 40) : 240;
  const longestLabel = Math.max(...rows.map((row) => row.label.length), 4);

  return (
    <section className="card chart" aria-labelledby={`${id}-title`}>
      <div className="chart__header">
        <h2 id={`${id}-title`} className="card__title chart__title">
          {title}
        </h2>
        {hasData && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-pressed={isTable}
            onClick={() => setIsTable((shown) => !shown)}
          >
            Show as table
          </button>
        )}
      </div>
      {!hasData ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {!isTable && (
            <div className="chart__plot" aria-hidden="true">
              <BarChart
                responsive
                accessibilityLayer={false}
                data={rows.map((row) => ({ ...row, axisLabel: row.axisLabel ?? row.label }))}
                layout={isHorizontal ? 'vertical' : 'horizontal'}
                style={{ width: '100%', height }}
                margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
              >
                <CartesianGrid
                  stroke="#e3e8ea"
                  horizontal={!isHorizontal}
                  vertical={isHorizontal}
                />
                {isHorizontal ? (
                  <>
                    <XAxis type="number" allowDecimals={false} stroke={axisColour} />
                    <YAxis
                      type="category"
                      dataKey="label"
                      width={Math.min(220, longestLabel * 7 + 16)}
                      stroke={axisColour}
                      interval={0}
                    />
                  </>
                ) : (
                  <>
                    <XAxis
                      dataKey="axisLabel"
                      stroke={axisColour}
                      interval={rows.length <= 8 ? 0 : 'preserveStartEnd'}
                    />
                    <YAxis allowDecimals={false} stroke={axisColour} width={36} />
                  </>
                )}
                <Tooltip cursor={{ fill: '#e6f0f2' }} />
                <Bar dataKey="count" name="Incidents" fill={barColour} isAnimationActive={false} />
              </BarChart>
            </div>
          )}
          <div className={isTable ? 'chart__table' : 'visually-hidden'}>
            <table className="table table--compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyLabel}</th>
                  <th scope="col" className="numeric">
                    Incidents
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td className="numeric">{row.count.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
