/**
 * 个人信息删除 for the owner: says what goes and what stays before anything is erased; the reason (optional) is
 * kept in the audit log, never the erased values.
 */
import { ref } from 'vue';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { api } from '../../api';
import type { ErasureReport, MemberRow } from '../../api-types';
import { confirmAction } from '../../ui/dialogs';

export function eraseMember(member: MemberRow): Promise<ErasureReport | undefined> {
  const reason = ref('');
  return confirmAction({
    header: '删除个人信息',
    confirmText: '确认删除',
    danger: true,
    body: () => (
      <div data-testid="erase-member">
        <p>
          会员 <span class="mono">{member._id}</span>
        </p>
        <p>将删除：昵称、头像、分销申请中的姓名和手机号、所有订单的收货人、电话和地址。删除后不可恢复。</p>
        <p>将保留：订单金额与商品明细、佣金、余额、提现和账本记录（对账与税务所需）。</p>
        <label class="dialog-field">
          <span class="dialog-field__label">删除原因（可选）</span>
          <Textarea
            value={reason.value}
            placeholder="例如：用户来电要求删除"
            maxlength={200}
            onChange={(value) => (reason.value = String(value))}
          />
        </label>
      </div>
    ),
    action: () => api.eraseMember(member._id, reason.value.trim() || undefined),
  });
}
