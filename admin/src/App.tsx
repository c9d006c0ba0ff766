/** The page's root: a spinner while a stored session is checked, then sign-in or the shell. */
import { defineComponent } from 'vue';
import { Loading } from 'tdesign-vue-next/es/loading';
import { session } from './session';
import { Login } from './screens/Login';
import { Shell } from './Shell';

export const App = defineComponent(() => {
  return () => {
    if (!session.ready)
      return (
        <div class="page-loading">
          <Loading text="正在加载…" />
        </div>
      );
    return session.user ? <Shell /> : <Login />;
  };
});
