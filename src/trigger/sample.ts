/** One sample event of one provider, as schemas/samples/README.md describes the file. */
export interface Sample {
  /** The event type as the provider names it. */
  event: string;
  /** The provider's page the body's shape follows. */
  docs: string;
  /** Headers of this event only, over the provider's `delivery.headers`; values are templates. */
  headers?: Readonly<Record<string, string>>;
  /** The JSON body (templates in its strings), or the string fields of a form body. */
  body: unknown;
  /** The file it was read from. */
  file: string;
}
