/** Who ordered: name, email, phone. */
import { TextField } from "../../../../components/ui";
import type { OrderFormValues } from "../../lib/orderForm";
import type { OrderFormState } from "./types";

type CustomerKey = keyof OrderFormValues["customer"];

export function CustomerFieldset({ form }: { form: OrderFormState }) {
  const field = (key: CustomerKey) => ({
    value: form.values.customer[key],
    onChange: (e: { target: { value: string } }) =>
      form.change(`customer.${key}`, (v) => ({ ...v, customer: { ...v.customer, [key]: e.target.value } })),
    ...form.bind(`customer.${key}`),
  });
  return (
    <fieldset className="card">
      <legend>Customer</legend>
      <div className="grid-3">
        <TextField label="Customer name" limit="name" required autoComplete="name" {...field("name")} />
        <TextField label="Email" type="email" required autoComplete="email" {...field("email")} />
        <TextField label="Phone" type="tel" autoComplete="tel" {...field("phone")} />
      </div>
    </fieldset>
  );
}
