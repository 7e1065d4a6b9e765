import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.config';

export default defineConfig(rendererConfig(fileURLToPath(new URL('./dist/renderer', import.meta.url))));
