/** The screen the hash names, loaded on first visit; unknown paths go home, other roles' screens say so. */
import { defineAsyncComponent, defineComponent, h, type Component } from 'vue';
import { Loading } from 'tdesign-vue-next/es/loading';
import { Button } from 'tdesign-vue-next/es/button';
import { HOME, location, navigate, screenAt, type ScreenRoute } from './router';
import { hasRole } from './session';

const LoadFailed = defineComponent(() => () => (
  <div class="screen-message">
    <p>页面加载失败，可能是网络中断或后台已更新。</p>
    <Button onClick={() => window.location.reload()}>刷新页面</Button>
  </div>
));

const ScreenLoading = defineComponent(() => () => (
  <div class="screen-message">
    <Loading text="加载中…" />
  </div>
));

const loaded = new Map<string, Component>();

function componentOf(screen: ScreenRoute): Component {
  let component = loaded.get(screen.path);
  if (!component) {
    component = defineAsyncComponent({
      loader: () => screen.load().then((module) => module.default),
      loadingComponent: ScreenLoading,
      errorComponent: LoadFailed,
      delay: 120,
    });
    loaded.set(screen.path, component);
  }
  return component;
}

export const ScreenView = defineComponent(() => {
  return () => {
    const screen = screenAt(location.path);
    if (!screen) {
      navigate(HOME);
      return null;
    }
    if (!hasRole(screen.roles)) {
      return (
        <div class="screen-message" data-testid="forbidden">
          <p>当前账号的角色无权查看「{screen.title}」。</p>
        </div>
      );
    }
    // A link to the same screen with other filters (`#/orders?distributor=…`) opens it afresh with them.
    return h(componentOf(screen), { key: `${screen.path}?${new URLSearchParams(location.query).toString()}` });
  };
});
