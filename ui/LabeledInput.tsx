import type { JSX } from 'preact';

/** One labelled field of a page: the label's text, then the input with every other attribute. */
export function LabeledInput({ label, ...input }: { label: string } & JSX.IntrinsicElements['input']) {
  return (
    <label>
      <span>{label}</span>
      <input {...input} />
    </label>
  );
}
