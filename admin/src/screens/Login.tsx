/**
 * Sign-in. Wrong passwords and the 15-minute lock after five of them are the server's answers, shown as they come;
 * so is the reason a previous session ended (expired or revoked).
 */
import { defineComponent, reactive, ref } from 'vue';
import { Alert } from 'tdesign-vue-next/es/alert';
import { Button } from 'tdesign-vue-next/es/button';
import { Form, FormItem } from 'tdesign-vue-next/es/form';
import { Input } from 'tdesign-vue-next/es/input';
import { messageOf } from '../ui/errors';
import { textField } from '../ui/fields';
import { session, signIn } from '../session';

export const Login = defineComponent(() => {
  const form = reactive({ username: '', password: '' });
  const busy = ref(false);
  const failure = ref('');

  async function submit(): Promise<void> {
    if (!form.username.trim() || !form.password) {
      failure.value = '请输入用户名和密码';
      return;
    }
    busy.value = true;
    failure.value = '';
    try {
      await signIn(form.username.trim(), form.password);
    } catch (error) {
      failure.value = messageOf(error);
      form.password = '';
    } finally {
      busy.value = false;
    }
  }

  return () => (
    <div class="login">
      <div class="login-card">
        <div class="login-card__brand">
          <span class="shell-brand__mark">分</span>
          <div>
            <h1>全员分销 · 商家后台</h1>
            <p>店主、运营与财务在这里管理店铺</p>
          </div>
        </div>
        {session.endedBecause && !failure.value ? (
          <Alert theme="warning" message={session.endedBecause} class="login-card__alert" />
        ) : null}
        {failure.value ? (
          <Alert theme="error" message={failure.value} class="login-card__alert" data-testid="login-error" />
        ) : null}
        <Form labelAlign="top" colon={false} onSubmit={() => void submit()}>
          <FormItem label="用户名" name="username">
            <Input
              {...textField(form, 'username')}
              placeholder="例如 owner"
              autocomplete="username"
              size="large"
              clearable
            />
          </FormItem>
          <FormItem label="密码" name="password">
            <Input
              {...textField(form, 'password')}
              type="password"
              placeholder="请输入密码"
              autocomplete="current-password"
              size="large"
            />
          </FormItem>
          <FormItem class="login-card__submit">
            <Button type="submit" theme="primary" size="large" block loading={busy.value}>
              登录
            </Button>
          </FormItem>
        </Form>
        <p class="login-card__note">
          多次输错密码后，需等待一段时间才能从同一网络再次尝试；失败记录会出现在操作日志中。
        </p>
      </div>
    </div>
  );
});
