/**
 * Confirmation dialogs for actions that move money or change state. The action runs from the dialog: its button
 * spins while the request is under way, a refusal is shown inside the dialog (which stays open), success closes it.
 */
import { defineComponent, ref, type VNodeChild } from 'vue';
import { DialogPlugin } from 'tdesign-vue-next/es/dialog';
import { Input } from 'tdesign-vue-next/es/input';
import { Textarea } from 'tdesign-vue-next/es/textarea';
import { messageOf } from './errors';

/** A refusal by the dialog itself (an empty required field), shown as is. */
export class InvalidInput extends Error {}

interface ConfirmOptions<T> {
  header: string;
  body: () => VNodeChild;
  confirmText: string;
  danger?: boolean;
  action: () => Promise<T>;
}

/** Resolves to the action's result, or undefined when the operator cancels. */
export function confirmAction<T>(options: ConfirmOptions<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const failure = ref('');
    let done = false;
    const dialog = DialogPlugin.confirm({
      header: options.header,
      theme: options.danger ? 'warning' : 'default',
      body: () => (
        <div class="confirm-body">
          {options.body()}
          {failure.value ? (
            <p class="dialog-error" role="alert">
              {failure.value}
            </p>
          ) : null}
        </div>
      ),
      confirmBtn: { content: options.confirmText, theme: options.danger ? 'danger' : 'primary', loading: false },
      cancelBtn: '取消',
      closeOnOverlayClick: false,
      onConfirm: async () => {
        failure.value = '';
        dialog.update({
          confirmBtn: { content: options.confirmText, theme: options.danger ? 'danger' : 'primary', loading: true },
        });
        try {
          const result = await options.action();
          done = true;
          dialog.destroy();
          resolve(result);
        } catch (error) {
          failure.value = error instanceof InvalidInput ? error.message : messageOf(error);
          dialog.update({
            confirmBtn: { content: options.confirmText, theme: options.danger ? 'danger' : 'primary', loading: false },
          });
        }
      },
      onClose: () => {
        dialog.destroy();
        if (!done) resolve(undefined);
      },
    });
  });
}

interface AskOptions<T> {
  header: string;
  label: string;
  placeholder: string;
  confirmText: string;
  multiline?: boolean;
  maxLength?: number;
  note?: () => VNodeChild;
  danger?: boolean;
  action: (text: string) => Promise<T>;
}

const TextField = defineComponent({
  props: {
    label: { type: String, required: true },
    placeholder: { type: String, required: true },
    multiline: Boolean,
    maxLength: { type: Number, default: 200 },
    value: { type: String, required: true },
    onChange: { type: Function as unknown as () => (value: string) => void, required: true },
  },
  setup(props) {
    return () => (
      <label class="dialog-field">
        <span class="dialog-field__label">{props.label}</span>
        {props.multiline ? (
          <Textarea
            value={props.value}
            placeholder={props.placeholder}
            maxlength={props.maxLength}
            autosize={{ minRows: 3, maxRows: 6 }}
            onChange={(value) => props.onChange(String(value))}
          />
        ) : (
          <Input
            value={props.value}
            placeholder={props.placeholder}
            maxlength={props.maxLength}
            onChange={(value) => props.onChange(String(value))}
          />
        )}
      </label>
    );
  },
});

/** A confirmation that needs a line of text first: a rejection reason, a payout reference. */
export function askText<T>(options: AskOptions<T>): Promise<T | undefined> {
  const text = ref('');
  return confirmAction({
    header: options.header,
    confirmText: options.confirmText,
    danger: options.danger,
    body: () => (
      <div>
        {options.note?.()}
        <TextField
          label={options.label}
          placeholder={options.placeholder}
          multiline={options.multiline}
          maxLength={options.maxLength ?? 200}
          value={text.value}
          onChange={(value: string) => (text.value = value)}
        />
      </div>
    ),
    action: () => {
      const value = text.value.trim();
      if (!value) return Promise.reject(new InvalidInput(`请填写${options.label}`));
      return options.action(value);
    },
  });
}
