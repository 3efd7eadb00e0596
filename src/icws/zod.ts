// The schema library, configured once: English messages ("expected number, received string"),
// which loaded-file errors show as they are. zod/mini keeps the bundle small, as long as it is
// re-exported with `export *` and imported as `import * as z from './zod'`: re-exporting the
// namespace object itself (`export { z }`) makes esbuild keep all of zod, every locale included.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
