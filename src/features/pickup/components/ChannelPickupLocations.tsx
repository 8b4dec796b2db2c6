/**
 * A Shopify channel's pickup locations (issue 20): which location of the shop is which of our
 * stores. Orders the buyer chose to collect at a location mapped to no store wait in the exception
 * queue; they are listed here with the location Shopify named, and mapping it releases them as
 * pickup orders at that store. Admins edit; supervisors see.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { locationIdProblem } from "../../../../convex/lib/pickupSettings";
import { STRING_LIMITS } from "../../../../convex/lib/bounds";
import { Button, FormError, Loading, SelectField, TextField, useToast } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { countOf } from "../../../lib/format";

const schema = z.object({
  locationId: z
    .string()
    .trim()
    .refine((id) => !locationIdProblem(id), locationIdProblem("")),
  locationName: z.string().trim().max(STRING_LIMITS.name),
  storeId: z.string().min(1, "Choose a store."),
});

export function ChannelPickupLocations({
  channel,
  name,
  isAdmin,
}: {
  channel: string;
  name: string;
  isAdmin: boolean;
}) {
  const data = useQuery(api.channelLocations.list, { channel });
  const stores = useQuery(api.pickups.stores, {});
  const map = useAppMutation(api.channelLocations.map);
  const toast = useToast();
  const form = useForm({ locationId: "", locationName: "", storeId: "" }, schema, map);
  const [unmapping, setUnmapping] = useState<string | null>(null);
  const headingId = `pickup-locations-${channel}`;

  const save = async (input: z.infer<typeof schema>) => {
    const r = await map.attempt({
      channel,
      locationId: input.locationId,
      locationName: input.locationName || undefined,
      storeId: input.storeId as Id<"warehouses">,
    });
    if (!r.ok) return;
    form.reset({ locationId: "", locationName: "", storeId: "" });
    toast.show(
      r.value.released > 0
        ? `Location ${input.locationId} mapped; ${countOf(r.value.released, "waiting order")} ${r.value.released === 1 ? "is now a pickup" : "are now pickups"}${r.value.more ? " (more follow)" : ""}.`
        : `Location ${input.locationId} mapped.`,
      "success",
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Pickup locations — {name}</h2>
      <p className="muted">
        A buyer who chooses local pickup on Shopify collects at one of the shop&apos;s locations. Map each location to
        the store that hands the order over; an order at an unmapped location waits in the exception queue.
      </p>
      {data === undefined ? (
        <Loading label="Loading pickup locations…" />
      ) : (
        <>
          {data.waiting.length > 0 && (
            <div role="status" className="notice notice-warning">
              <strong>Orders waiting for a mapping:</strong>
              <ul>
                {data.waiting.map((w) => (
                  <li key={w.locationId}>
                    {w.locationName ?? "Unnamed location"} (<span className="mono">{w.locationId}</span>):{" "}
                    {countOf(w.orders, "order")}
                    {isAdmin && (
                      <>
                        {" "}
                        <Button
                          size="sm"
                          onClick={() =>
                            form.setValues((v) => ({
                              ...v,
                              locationId: w.locationId,
                              locationName: w.locationName ?? "",
                            }))
                          }
                        >
                          Map it<span className="visually-hidden"> {w.locationId}</span>
                        </Button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <DataTable
            caption={`Pickup locations of ${name}`}
            columns={[
              {
                key: "location",
                header: "Location",
                priority: "primary",
                cell: (m) => (
                  <>
                    {m.locationName ?? "Unnamed"} <span className="mono muted">{m.locationId}</span>
                  </>
                ),
              },
              { key: "store", header: "Store", cell: (m) => <span className="mono">{m.storeCode}</span> },
              { key: "setBy", header: "Set by", cell: (m) => m.updatedBy ?? "—" },
              ...(isAdmin
                ? [
                    {
                      key: "actions",
                      header: "Actions",
                      cell: (m: (typeof data.mapped)[number]) => (
                        <Button
                          size="sm"
                          variant="danger"
                          loading={unmapping === m.locationId}
                          onClick={async () => {
                            setUnmapping(m.locationId);
                            const r = await map.attempt({ channel, locationId: m.locationId, storeId: null });
                            setUnmapping(null);
                            toast.show(
                              r.ok ? `Location ${m.locationId} unmapped.` : r.message,
                              r.ok ? "success" : "error",
                            );
                          }}
                        >
                          Unmap<span className="visually-hidden"> location {m.locationId}</span>
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
            rows={data.mapped}
            rowKey={(m) => m.locationId}
            empty={{
              title: "No location mapped",
              body: <p>Pickup orders from {name} wait in the exception queue until their location is mapped.</p>,
            }}
          />
          {isAdmin && (
            <form {...form.formProps((input) => void save(input))} aria-label={`Map a pickup location of ${name}`}>
              <FormError message={form.formError} />
              <div className="grid-3">
                <TextField
                  label="Location id"
                  limit="code"
                  inputMode="numeric"
                  hint="The id Shopify gives the location (Settings → Locations; also shown with waiting orders)."
                  {...fieldProps(form, "locationId")}
                  required
                />
                <TextField label="Location name" limit="name" {...fieldProps(form, "locationName")} />
                <SelectField label="Store" {...fieldProps(form, "storeId")} required>
                  <option value="">{stores === undefined ? "Loading stores…" : "Choose a store"}</option>
                  {(stores ?? [])
                    .filter((s) => s.active)
                    .map((s) => (
                      <option key={s._id} value={s._id}>
                        {s.code} — {s.name}
                      </option>
                    ))}
                </SelectField>
              </div>
              <Button type="submit" variant="primary" loading={map.pending}>
                Save mapping
              </Button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
