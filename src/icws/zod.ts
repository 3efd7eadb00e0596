// The schema library, configured once: English messages ("expected number, received string"),
// which loaded-file errors show as they are. zod/mini keeps the bundle small.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
