import type { z } from 'zod';

function where(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'The request' : `"${path.map(String).join('.')}"`;
}

/**
 * One plain sentence per validation issue, e.g. `"version" should be text, but it is missing.`
 * @example zodIssueMessages(result.error.issues)
 */
export function zodIssueMessages(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const at = where(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return `${at} has ${issue.keys.length === 1 ? 'a field' : 'fields'} that ${issue.keys.length === 1 ? 'is' : 'are'} not expected: ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length === 1 ? 'it' : 'them'}.`;
      case 'invalid_type': {
        return /received undefined/.test(issue.message)
          ? `${at} is missing; it should be ${issue.expected === 'string' ? 'text' : issue.expected}.`
          : `${at} should be ${issue.expected === 'string' ? 'text' : issue.expected}.`;
      }
      case 'too_small':
        return issue.origin === 'string'
          ? `${at} is too short (at least ${String(issue.minimum)} characters).`
          : `${at} is too small (at least ${String(issue.minimum)}).`;
      case 'too_big':
        return issue.origin === 'string'
          ? `${at} is too long (at most ${String(issue.maximum)} characters).`
          : `${at} is too large (at most ${String(issue.maximum)}).`;
      case 'invalid_format':
        if (issue.message && !/^Invalid/.test(issue.message)) return `${at} ${issue.message}`;
        return issue.format === 'regex'
          ? `${at} is not written in the expected form.`
          : `${at} is not a valid ${issue.format}.`;
      case 'invalid_value':
        return `${at} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
      default:
        return `${at}: ${issue.message}.`;
    }
  });
}
