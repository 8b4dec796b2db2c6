/** What every fieldset of the new-order form receives: the form's state from `useForm`. */
import type { Doc } from "../../../../../convex/_generated/dataModel";
import type { useForm } from "../../../../lib/useForm";
import type { OrderFormValues } from "../../lib/orderForm";

export type OrderFormInput = NonNullable<ReturnType<typeof import("../../lib/orderForm").validateOrderForm>["input"]>;
export type OrderFormState = ReturnType<typeof useForm<OrderFormValues, OrderFormInput>>;
export type FoundOrder = Doc<"orders">;
