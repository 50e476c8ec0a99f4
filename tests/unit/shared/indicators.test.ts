import { describe, expect, it } from 'vitest';
import { historyMethods } from '../../../shared/api/history';
import { csvCell, indicatorsCsv } from '../../../shared/domain/indicators';

describe('indicatorsCsv', () => {
  it('writes a header and one CRLF line per professional and period', () => {
    const csv = indicatorsCsv([
      { period: '2026-W47', professional: '810001234567', consulted: 12, fed: 3, created: 1 },
      { period: '2026-W48', professional: '810009876543', consulted: 0, fed: 2, created: 0 },
    ]);
    expect(csv).toBe(
      'period,professional_id,dmps_consulted,dmps_fed,dmps_created\r\n' +
        '2026-W47,810001234567,12,3,1\r\n' +
        '2026-W48,810009876543,0,2,0\r\n',
    );
  });

  it('an empty result is the header alone', () => {
    expect(indicatorsCsv([])).toBe('period,professional_id,dmps_consulted,dmps_fed,dmps_created\r\n');
  });

  it('quotes separators and defuses what a spreadsheet would run as a formula', () => {
    expect(csvCell('8100,"x"')).toBe('"8100,""x"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+33')).toBe("'+33");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('810001234567')).toBe('810001234567');
  });
});

describe('history.indicators contract', () => {
  const { request, response } = historyMethods.indicators;

  it('asks for a range of local days and a period, nothing about a patient', () => {
    expect(request.safeParse({ from: '2026-11-01', to: '2026-11-30', period: 'week' }).success).toBe(true);
    expect(request.safeParse({ from: '2026-11-30', to: '2026-11-01', period: 'week' }).success).toBe(false);
    expect(request.safeParse({ from: '2026-11-01', to: '2026-11-30', period: 'year' }).success).toBe(false);
    expect(request.safeParse({ from: '2020-01-01', to: '2026-11-30', period: 'day' }).success).toBe(false);
    expect(request.safeParse({ from: '2026-11-01', to: '2026-11-30', period: 'day', patientId: 'x' }).success).toBe(
      false,
    );
  });

  it('answers counts per period and professional, refusing any other field', () => {
    const row = { period: '2026-11', professional: '810001234567', consulted: 1, fed: 0, created: 0 };
    const answer = { rows: [row], timeZone: 'Europe/Paris', chain: 'intact' };
    expect(response.safeParse(answer).success).toBe(true);
    expect(response.safeParse({ ...answer, rows: [{ ...row, patient: '1'.repeat(64) }] }).success).toBe(false);
    expect(response.safeParse({ ...answer, rows: [{ ...row, period: 'novembre' }] }).success).toBe(false);
    expect(response.safeParse({ ...answer, rows: [{ ...row, fed: -1 }] }).success).toBe(false);
  });
});
