/** The parsed text, or null when it is not JSON (or empty, or null). */
export function parseJsonOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
