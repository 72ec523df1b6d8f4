/** Where the policy keeps what it measured, in a node's data dir (no imports: the CLI names it in its help). */
export const CALIBRATION_FILE = 'he-calibration.json'
