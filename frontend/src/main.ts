import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { firstPage, replaceFirstScreen } from './lib/firstpage';
import { subAccountList } from './stores/subaccounts.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// Go painted the list already (firstscreen.go): the app mounts out of sight from the same page
// and takes its place once live (lib/painted.ts).
const page = firstPage();
if (page) subAccountList.seed(page);
try {
  mount(App, { target });
} catch (e) {
  replaceFirstScreen();
  throw e;
}
