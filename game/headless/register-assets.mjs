// `node --import ./game/headless/register-assets.mjs`: see asset-hooks.mjs.
import { register } from 'node:module';

register('./asset-hooks.mjs', import.meta.url);
