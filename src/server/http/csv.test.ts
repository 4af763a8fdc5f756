import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const cells = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('toCsv', () => {
  it('writes formula-looking text as text, in every form a spreadsheet would run', () => {
    const dangerous = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠A1', '=1\n=2'];
    const [row] = cells(toCsv([dangerous]));
    expect(row).toEqual(dangerous.map((d) => `'${d}`));
  });

  it('leaves ordinary text, numbers (negative too) and dates alone', () => {
    const csv = toCsv([['食料パック', 'Food parcel', 3, -500, '2026-12-25', 'a=b', '', null]]);
    expect(cells(csv)).toEqual([['食料パック', 'Food parcel', '3', '-500', '2026-12-25', 'a=b', '', '']]);
  });
});
