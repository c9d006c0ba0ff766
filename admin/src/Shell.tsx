/** Signed in: the menu of screens this role may use, the operator in the header, and the current screen. */
import { defineComponent, onMounted, ref } from 'vue';
import { Aside, Content, Header, Layout } from 'tdesign-vue-next/es/layout';
import { Menu, MenuGroup, MenuItem } from 'tdesign-vue-next/es/menu';
import { Button } from 'tdesign-vue-next/es/button';
import { Tag } from 'tdesign-vue-next/es/tag';
import { ROLE_LABEL } from '../../contract/src/labels';
import { api } from './api';
import { location, navigate, SCREENS, screenAt } from './router';
import { ScreenView } from './ScreenView';
import { hasRole, session, signOut } from './session';

export const Shell = defineComponent(() => {
  const shopName = ref('全员分销');
  onMounted(() => {
    api.storeSettings().then(
      (settings) => (shopName.value = settings.name || shopName.value),
      () => undefined,
    );
  });

  const groups = () => {
    const visible = SCREENS.filter((screen) => hasRole(screen.roles));
    return [...new Set(visible.map((screen) => screen.group))].map((group) => ({
      group,
      screens: visible.filter((screen) => screen.group === group),
    }));
  };

  return () => (
    <Layout class="shell">
      <Aside class="shell-aside" width="200px">
        <div class="shell-brand" title={shopName.value}>
          <span class="shell-brand__mark">分</span>
          <span class="shell-brand__name">{shopName.value}</span>
        </div>
        <Menu value={location.path} width="200px" onChange={(value) => navigate(String(value))}>
          {groups().map(({ group, screens }) => (
            <MenuGroup title={group} key={group}>
              {screens.map((screen) => (
                <MenuItem value={screen.path} key={screen.path}>
                  {screen.title}
                </MenuItem>
              ))}
            </MenuGroup>
          ))}
        </Menu>
      </Aside>
      <Layout>
        <Header class="shell-header">
          <span class="shell-header__title">{screenAt(location.path)?.title ?? ''}</span>
          <span class="shell-header__user">
            <span data-testid="current-user">{session.user?.username}</span>
            <Tag theme="primary" variant="light">
              {session.user ? ROLE_LABEL[session.user.role] : ''}
            </Tag>
            <Button variant="text" onClick={() => void signOut()}>
              退出登录
            </Button>
          </span>
        </Header>
        <Content class="shell-content">
          <ScreenView />
        </Content>
      </Layout>
    </Layout>
  );
});
