/** A page section named by its heading (`aria-labelledby`), and the common case: a panel holding one table. */
import type { ReactNode } from "react";
import { DataTable, type DataTableProps } from "./DataTable";

export function Section({
  id,
  title,
  className,
  headingClass,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  className?: string;
  headingClass?: string;
  children: ReactNode;
}) {
  return (
    <section className={className} aria-labelledby={id}>
      <h2 id={id} className={headingClass}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A panel of a page (its title styled `panel-title`) holding one DataTable. */
export function TablePanel<T>({ id, title, ...table }: { id: string; title: string } & DataTableProps<T>) {
  return (
    <Section id={id} title={title} headingClass="panel-title">
      <DataTable {...table} />
    </Section>
  );
}
