import { getProvider } from '../providers/registry.js';
import type { ProviderDescription, SignatureDescription } from '../providers/types.js';
import type { SignatureChoice } from '../signatures/load-keys.js';
import type { DeliveryOptions, RouteOptions } from './listen-options.js';
import type { HandlerOptions } from './prepare-handler.js';

/** A provider by name: the registry's, or for `hmac` with the signature its flags made. */
type ProviderRef = { id: string; signature?: SignatureDescription };

type SentDeliveryOptions<T extends DeliveryOptions> = Omit<T, 'verify' | 'forwardTo'> & {
  verify?: Omit<SignatureChoice, 'settings'> & {
    settings: Omit<SignatureChoice['settings'], 'provider'> & { provider: ProviderRef | 'auto' };
  };
  forwardTo?: string;
};

/**
 * `HandlerOptions` as a message can carry them to another thread: providers (whose descriptions
 * may hold functions) by name, URLs as text.
 */
export type ThreadOptions = SentDeliveryOptions<Omit<HandlerOptions, 'routes'>> & {
  routes?: Array<SentDeliveryOptions<RouteOptions>>;
};

export function toThreadOptions(options: HandlerOptions): ThreadOptions {
  const { routes, ...rest } = options;
  const sent: ThreadOptions = send(rest);
  if (routes !== undefined) sent.routes = routes.map(send);
  return sent;
}

export function fromThreadOptions(sent: ThreadOptions): HandlerOptions {
  const { routes, ...rest } = sent;
  const options: HandlerOptions = receive(rest);
  if (routes !== undefined) options.routes = routes.map(receive);
  return options;
}

function send<T extends DeliveryOptions>(options: T): SentDeliveryOptions<T> {
  const { verify, forwardTo, ...rest } = options;
  const sent: SentDeliveryOptions<T> = rest;
  if (forwardTo !== undefined) sent.forwardTo = forwardTo.href;
  if (verify !== undefined) {
    const { provider } = verify.settings;
    sent.verify = { ...verify, settings: { ...verify.settings, provider: providerRef(provider) } };
  }
  return sent;
}

function receive<T extends DeliveryOptions>(sent: SentDeliveryOptions<T>): T {
  const { verify, forwardTo, ...rest } = sent;
  const options = rest as unknown as T;
  if (forwardTo !== undefined) options.forwardTo = new URL(forwardTo);
  if (verify !== undefined) {
    const { provider } = verify.settings;
    const described: ProviderDescription | 'auto' =
      provider === 'auto'
        ? 'auto'
        : provider.signature
          ? { ...getProvider(provider.id), signature: provider.signature }
          : getProvider(provider.id);
    options.verify = { ...verify, settings: { ...verify.settings, provider: described } };
  }
  return options;
}

function providerRef(provider: ProviderDescription | 'auto'): ProviderRef | 'auto' {
  if (provider === 'auto') return 'auto';
  // The flags of the hmac scheme make a signature of its own (src/cli/signature-options.ts).
  return provider === getProvider(provider.id)
    ? { id: provider.id }
    : { id: provider.id, signature: provider.signature };
}
