/** Renderer entry: zod's configuration, fonts and styles, then the app (or the "no bridge" page). */
import './zod-config.ts';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-600.css';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/content.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasBridge } from './api/client.ts';
import { App } from './App.tsx';
import { applyDocumentLocale } from './i18n/index.ts';
import { NoBridge } from './screens/nobridge/NoBridge.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

applyDocumentLocale('fr');
createRoot(container).render(<StrictMode>{hasBridge() ? <App /> : <NoBridge />}</StrictMode>);
