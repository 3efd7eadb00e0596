// The JUnit XML report CI systems read (Jenkins, GitLab, GitHub test reporters): one <testsuite>
// per notebook, one <testcase> per cell with expectations (and per step that failed), a <failure>
// with each failed expectation's line, <skipped/> for cells after a failure. Written with
// fast-xml-parser's builder, which escapes every value (cell titles and server text are untrusted).
import { XMLBuilder } from 'fast-xml-parser';
import type { NotebookResult } from './runNotebook';

export interface NotebookReport {
  /** The notebook file as given (relative to where the run started). */
  file: string;
  result?: NotebookResult;
  /** Why the notebook could not run at all (its simulator, its sessions). */
  error?: string;
  /** When it started. */
  timestamp: Date;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(reports: readonly NotebookReport[], name = 'icws-test'): string {
  const suites = reports.map((report) => {
    const cells = report.result?.cells ?? [];
    const testcases = cells.map((cell) => ({
      '@_name': cell.title,
      '@_classname': report.file,
      '@_file': report.file,
      '@_time': seconds(cell.durationMs),
      ...(cell.verdict === 'failed' ? { failure: { '@_message': cell.failures[0]?.message ?? 'failed', '@_type': 'ExpectationFailed', '#text': cell.failures.map((failure) => failure.message).join('\n') } } : {}),
      ...(cell.verdict === 'skipped' ? { skipped: { '@_message': 'an earlier cell failed' } } : {}),
    }));
    if (report.error) testcases.push({ '@_name': 'set-up', '@_classname': report.file, '@_file': report.file, '@_time': '0.000', error: { '@_message': report.error, '@_type': 'SetUpFailed', '#text': report.error } } as never);
    return {
      '@_name': report.file,
      '@_tests': testcases.length,
      '@_failures': cells.filter((cell) => cell.verdict === 'failed').length,
      '@_errors': report.error ? 1 : 0,
      '@_skipped': cells.filter((cell) => cell.verdict === 'skipped').length,
      '@_time': seconds(report.result?.durationMs ?? 0),
      '@_timestamp': report.timestamp.toISOString().replace(/\.\d{3}Z$/, ''),
      '@_file': report.file,
      testcase: testcases,
    };
  });
  const total = (key: '@_tests' | '@_failures' | '@_errors' | '@_skipped') => suites.reduce((sum, suite) => sum + suite[key], 0);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': name,
      '@_tests': total('@_tests'),
      '@_failures': total('@_failures'),
      '@_errors': total('@_errors'),
      '@_skipped': total('@_skipped'),
      '@_time': seconds(reports.reduce((sum, report) => sum + (report.result?.durationMs ?? 0), 0)),
      testsuite: suites,
    },
  };
  return `${new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true }).build(document) as string}`;
}
