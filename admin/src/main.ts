/** The merchant admin page: sign in, then one screen at a time, each loaded on demand. */
import { createApp } from 'vue';
import 'tdesign-vue-next/es/style/index.css';
import './styles.css';
import { App } from './App';
import { restoreSession } from './session';

createApp(App).mount('#app');
void restoreSession();
