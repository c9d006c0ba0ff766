/** `value` + `onChange` pairs binding a TDesign field to a key of a reactive form object (TSX has no v-model). */
type Keys<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

export function textField<T extends object>(target: T, key: Keys<T, string>) {
  return {
    value: target[key] as unknown as string,
    onChange: (value: unknown) => {
      (target as Record<PropertyKey, unknown>)[key] = value === undefined || value === null ? '' : String(value);
    },
  };
}

export function switchField<T extends object>(target: T, key: Keys<T, boolean>) {
  return {
    value: target[key] as unknown as boolean,
    onChange: (value: unknown) => {
      (target as Record<PropertyKey, unknown>)[key] = Boolean(value);
    },
  };
}

/** For radios and selects whose options are the only values they can produce. */
export function choiceField<T extends object, K extends keyof T>(target: T, key: K) {
  return {
    value: target[key] as unknown as string | number,
    onChange: (value: unknown) => {
      (target as Record<PropertyKey, unknown>)[key] = value;
    },
  };
}
