/** Version of the JSON report contract (DESIGN §4). Bump the major part when a field is renamed or removed. */
export const REPORT_VERSION = '1.2.0'

/** The package version, shown by `parallax --version` and in the User-Agent. */
export const PACKAGE_VERSION = '0.1.0'
