/**
 * TSX with Vue's own JSX runtime (`jsxImportSource: "vue"`): TypeScript passes element children as a `children`
 * prop, which Vue's runtime hands to `h()` as children or slots. These declarations let every element and component
 * take children; props themselves stay fully typed.
 */
import '@vue/runtime-dom';
import 'vue/jsx-runtime';

declare module '@vue/runtime-dom' {
  interface ReservedProps {
    children?: unknown;
  }
}

declare module 'vue/jsx-runtime' {
  namespace JSX {
    interface IntrinsicAttributes {
      children?: unknown;
    }
  }
}
