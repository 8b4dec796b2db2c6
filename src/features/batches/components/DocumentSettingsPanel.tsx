/**
 * Document settings (admins): the company name, address and logo printed on packing slips and
 * pick sheets, the paper slips are printed on, and a line under the return instructions.
 */
import { PAPER_SIZES } from "../../../../convex/lib/shipping/types";
import { useState } from "react";
import { z } from "zod";
import { useMutation, useQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, Loading, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { streetDraftOf } from "../../../lib/address";
import { EMAIL_PROBLEM, isEmail } from "../../../../convex/lib/address";

type Settings = FunctionArgs<typeof api.documentSettings.save>;
type Saved = FunctionReturnType<typeof api.documentSettings.get>;

const optional = z
  .string()
  .trim()
  .transform((t) => t || undefined);
/** The form's text, flat; the server's settings come out (optional text empty → absent). */
export const documentSettingsSchema = z
  .object({
    companyName: z.string().trim().min(1, "The company name is printed on every document; enter it."),
    line1: z.string().trim(),
    line2: optional,
    city: z.string().trim(),
    region: optional,
    postalCode: z.string().trim(),
    country: z.string().trim(),
    phone: optional,
    email: optional.refine((e) => e === undefined || isEmail(e), EMAIL_PROBLEM),
    paperSize: z.enum(PAPER_SIZES),
    returnNote: optional,
    logoStorageId: z.custom<Id<"_storage">>().optional(),
  })
  .transform(({ line1, line2, city, region, postalCode, country, ...rest }): Settings => ({
    ...rest,
    address: { line1, line2, city, region, postalCode, country },
  }));
type Values = z.input<typeof documentSettingsSchema>;

function valuesOf({ address, companyName, phone, email, paperSize, returnNote, logoStorageId }: Saved): Values {
  return {
    companyName,
    ...streetDraftOf(address),
    phone: phone ?? "",
    email: email ?? "",
    paperSize,
    returnNote: returnNote ?? "",
    logoStorageId,
  };
}

export function DocumentSettingsPanel() {
  const current = useQuery(api.documentSettings.get, {});
  if (current === undefined) return <Loading label="Loading document settings…" />;
  return <DocumentSettingsForm key={JSON.stringify(current)} current={current} />;
}

function DocumentSettingsForm({ current }: { current: Saved }) {
  const save = useAppMutation(api.documentSettings.save);
  const uploadUrl = useMutation(api.documentSettings.logoUploadUrl);
  const form = useForm(() => valuesOf(current), documentSettingsSchema, save);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const toast = useToast();
  const setLogo = (logoStorageId: Id<"_storage"> | undefined) =>
    form.change("logoStorageId", (v) => ({ ...v, logoStorageId }));
  const upload = async (file: File) => {
    setUploadError(undefined);
    if (!/^image\/(png|jpeg)$/.test(file.type)) return setUploadError("The logo must be a PNG or JPEG image.");
    if (file.size > 1_000_000) return setUploadError("The logo must be under 1 MB.");
    setUploading(true);
    try {
      const url = await uploadUrl({});
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": file.type }, body: file });
      if (!res.ok) throw new Error(`upload failed (${res.status})`);
      const { storageId } = (await res.json()) as { storageId: Id<"_storage"> };
      setLogo(storageId);
    } catch (e) {
      setUploadError(`The logo could not be uploaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setUploading(false);
    }
  };
  const submit = async (settings: Settings) => {
    if ((await save.attempt(settings)).ok) toast.show("Document settings saved");
  };
  const text = (key: Exclude<keyof Values, "logoStorageId" | "paperSize">) => fieldProps(form, key);
  return (
    <section aria-labelledby="doc-settings">
      <h2 id="doc-settings">Printed documents</h2>
      <form className="doc-settings" {...form.formProps((settings) => void submit(settings))}>
        <TextField label="Company name" {...text("companyName")} limit="name" required />
        <TextField label="Address" {...text("line1")} limit="address" />
        <TextField label="Address line 2" {...text("line2")} limit="address" />
        <TextField label="City" {...text("city")} limit="address" />
        <TextField label="Region" {...text("region")} limit="address" />
        <TextField label="Postal code" {...text("postalCode")} limit="address" />
        <TextField label="Country" {...text("country")} limit="code" />
        <TextField label="Phone" type="tel" {...text("phone")} />
        <TextField label="E-mail" type="email" {...text("email")} />
        <SelectField
          label="Packing slip paper"
          value={form.values.paperSize}
          onChange={(e) =>
            form.change("paperSize", (v) => ({ ...v, paperSize: e.target.value as Values["paperSize"] }))
          }
        >
          <option value="Letter">Letter (8.5 × 11 in)</option>
          <option value="A4">A4 (210 × 297 mm)</option>
        </SelectField>
        <TextField label="Under the return instructions" {...text("returnNote")} limit="reason" />
        <div className="doc-logo">
          {current.logoUrl && form.values.logoStorageId === current.logoStorageId && (
            <img src={current.logoUrl} alt="Current logo" height={40} />
          )}
          <label>
            Logo (PNG or JPEG){" "}
            <input
              type="file"
              accept="image/png,image/jpeg"
              disabled={uploading}
              onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
            />
          </label>
          {form.values.logoStorageId && (
            <Button size="sm" variant="ghost" onClick={() => setLogo(undefined)}>
              No logo
            </Button>
          )}
        </div>
        <FormError message={form.formError ?? uploadError} />
        <Button type="submit" variant="primary" loading={save.pending || uploading}>
          Save document settings
        </Button>
      </form>
    </section>
  );
}
