/**
 * Document settings (admins): the company name, address and logo printed on packing slips and
 * pick sheets, the paper slips are printed on, and a line under the return instructions.
 */
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "convex/react";
import type { FunctionArgs } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, Loading, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

type Settings = FunctionArgs<typeof api.documentSettings.save>;

export function DocumentSettingsPanel() {
  const current = useQuery(api.documentSettings.get, {});
  const save = useAppMutation(api.documentSettings.save);
  const uploadUrl = useMutation(api.documentSettings.logoUploadUrl);
  const [form, setForm] = useState<Settings>();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const toast = useToast();
  useEffect(() => {
    if (current && form === undefined) {
      const { logoUrl: _logoUrl, saved: _saved, ...rest } = current;
      setForm(rest);
    }
  }, [current, form]);
  if (current === undefined || form === undefined) return <Loading label="Loading document settings…" />;
  const set = (patch: Partial<Settings>) => setForm({ ...form, ...patch });
  const setAddress = (patch: Partial<Settings["address"]>) =>
    setForm({ ...form, address: { ...form.address, ...patch } });
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
      set({ logoStorageId: storageId });
    } catch (e) {
      setUploadError(`The logo could not be uploaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setUploading(false);
    }
  };
  return (
    <section aria-labelledby="doc-settings">
      <h2 id="doc-settings">Printed documents</h2>
      <form
        className="doc-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(form).then((r) => r !== undefined && toast.show("Document settings saved"));
        }}
      >
        <TextField
          label="Company name"
          value={form.companyName}
          onChange={(e) => set({ companyName: e.target.value })}
          limit="name"
          required
          error={save.fields.companyName}
        />
        <TextField
          label="Address"
          value={form.address.line1}
          onChange={(e) => setAddress({ line1: e.target.value })}
          limit="address"
        />
        <TextField
          label="Address line 2"
          value={form.address.line2 ?? ""}
          onChange={(e) => setAddress({ line2: e.target.value || undefined })}
          limit="address"
        />
        <TextField
          label="City"
          value={form.address.city}
          onChange={(e) => setAddress({ city: e.target.value })}
          limit="address"
        />
        <TextField
          label="Region"
          value={form.address.region ?? ""}
          onChange={(e) => setAddress({ region: e.target.value || undefined })}
          limit="address"
        />
        <TextField
          label="Postal code"
          value={form.address.postalCode}
          onChange={(e) => setAddress({ postalCode: e.target.value })}
          limit="address"
        />
        <TextField
          label="Country"
          value={form.address.country}
          onChange={(e) => setAddress({ country: e.target.value })}
          limit="code"
        />
        <TextField
          label="Phone"
          type="tel"
          value={form.phone ?? ""}
          onChange={(e) => set({ phone: e.target.value || undefined })}
        />
        <TextField
          label="E-mail"
          type="email"
          value={form.email ?? ""}
          onChange={(e) => set({ email: e.target.value || undefined })}
        />
        <SelectField
          label="Packing slip paper"
          value={form.paperSize}
          onChange={(e) => set({ paperSize: e.target.value as Settings["paperSize"] })}
        >
          <option value="Letter">Letter (8.5 × 11 in)</option>
          <option value="A4">A4 (210 × 297 mm)</option>
        </SelectField>
        <TextField
          label="Under the return instructions"
          value={form.returnNote ?? ""}
          onChange={(e) => set({ returnNote: e.target.value || undefined })}
          limit="reason"
        />
        <div className="doc-logo">
          {current.logoUrl && form.logoStorageId === current.logoStorageId && (
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
          {form.logoStorageId && (
            <Button size="sm" variant="ghost" onClick={() => set({ logoStorageId: undefined })}>
              No logo
            </Button>
          )}
        </div>
        <FormError message={save.error ?? uploadError} />
        <Button type="submit" variant="primary" loading={save.pending || uploading}>
          Save document settings
        </Button>
      </form>
    </section>
  );
}
