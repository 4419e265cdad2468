/**
 * The two shapes most staff pages take inside the staff frame: a page whose
 * main heading is its title, and a page that only tells the person
 * something (sent, done, this link no longer works) and where to go next.
 */
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../layout/context.ts';
import { StaffFrame } from './StaffFrame.tsx';

type PageProps = { ctx: PageContext; title: string; scripts?: string[]; children: ComponentChildren };

/** A staff page headed by its title. */
export function StaffPage({ ctx, title, scripts, children }: PageProps) {
  return (
    <StaffFrame ctx={ctx} title={title} {...(scripts ? { scripts } : {})}>
      <h1>{title}</h1>
      {children}
    </StaffFrame>
  );
}

/**
 * A staff page that says one thing. `status` announces it to screen readers
 * as the outcome of what the person just did.
 */
export function StaffMessagePage({
  ctx,
  title,
  message,
  status = false,
  next,
}: {
  ctx: PageContext;
  title: string;
  message: string;
  status?: boolean;
  /** The link onward, if any. */
  next?: { href: string; label: string };
}) {
  return (
    <StaffPage ctx={ctx} title={title}>
      <p role={status ? 'status' : undefined}>{message}</p>
      {next ? (
        <p>
          <a href={next.href}>{next.label}</a>
        </p>
      ) : null}
    </StaffPage>
  );
}
