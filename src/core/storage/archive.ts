/**
 * ZIP archives for the vendors' export files: streamed one entry at a time, with memory that does not grow with the
 * number of entries, and dates taken from the given instant (never the wall clock), so the same input gives the same
 * bytes. The writer lives in core/zip.
 */
export { writeZip, type ZipEntry } from '../zip/writer.js';
