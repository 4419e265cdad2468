// The `xliff` package ships no types; these cover the two functions the workflow uses.
declare module 'xliff/js2xliff' {
  export default function js2xliff(js: unknown, options?: { indent?: string }): Promise<string>;
}
declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<unknown>;
}
