/** The top of a piece of floor work (a pick list, a shipment): back to its queue, its number as the heading. */
import { Link } from "react-router-dom";
import { PageHeader } from "../../../components/ui";

export function WorkHeader({ back, number }: { back: { to: string; label: string }; number: string }) {
  return (
    <>
      <p className="breadcrumb">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <PageHeader title={<span className="mono">{number}</span>} />
    </>
  );
}
