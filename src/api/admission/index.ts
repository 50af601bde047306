/** Admission plugins by name, as --enable-admission-plugins names them. */
import type { AdmissionPlugin } from '../admission.js';

export const ADMISSION_PLUGINS: Record<string, AdmissionPlugin> = {};
