import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { useAppMutation } from "../../../lib/useAppMutation";
import { mockMutations, mockQueries, refusal, renderForm, press, retype } from "../../../test/forms";
import { ConnectChannelForm } from "./ConnectChannelForm";
import { MappingForm, type MappingDraft } from "./MappingForm";
import { hostedBy } from "../../../lib/formFields";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

function Connect() {
  const m = useAppMutation(api.channels.connect);
  return <ConnectChannelForm {...hostedBy(m)} onSubmit={(input) => void m.attempt(input)} onCancel={() => {}} />;
}

function Mapping({ initial }: { initial: MappingDraft }) {
  const m = useAppMutation(api.channels.saveMapping);
  return (
    <MappingForm
      initial={initial}
      fixedListing={false}
      {...hostedBy(m)}
      onSubmit={(input) => void m.attempt(input)}
      onCancel={() => {}}
    />
  );
}

const user = () => userEvent.setup({ delay: null });

/** Renders the connect form and fills in a Shopify store (the default kind). */
async function connectShopify(fields: { code: string; domain: string; interval: string }) {
  const u = user();
  renderForm(<Connect />);
  await retype(u, /^Code/, fields.code);
  await u.type(screen.getByLabelText(/^Shop domain/), fields.domain);
  await u.type(screen.getByLabelText(/^Pull every/), fields.interval);
  return u;
}

describe("ConnectChannelForm", () => {
  let mutations: ReturnType<typeof mockMutations>;
  beforeEach(() => {
    mutations = mockMutations();
  });

  it("connects a Shopify store with its domain and pull interval", async () => {
    const u = await connectShopify({ code: "Shopify-EU", domain: "eu-shop.myshopify.com", interval: "15" });
    await u.click(screen.getByRole("button", { name: "Connect" }));
    expect(mutations["channels:connect"]).toHaveBeenCalledWith({
      code: "shopify-eu",
      kind: "shopify",
      name: "Shopify-EU",
      settings: { shopDomain: "eu-shop.myshopify.com", marketplaceId: undefined, pullIntervalMinutes: 15 },
    });
  });

  it("refuses a reserved code, a foreign domain and an interval over a day before calling the server", async () => {
    await connectShopify({ code: "manual", domain: "shop.example.com", interval: "1441" });
    await press("Connect");
    expect(mutations["channels:connect"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Code/)).toHaveAccessibleDescription(
      expect.stringContaining(`"manual" is reserved for keyed-in orders.`),
    );
    expect(screen.getByLabelText(/^Shop domain/)).toHaveAccessibleDescription("Enter the shop's myshopify.com domain.");
    expect(screen.getByLabelText(/^Pull every/)).toHaveAccessibleDescription("Pull every 1 to 1,440 minutes.");
    expect(screen.getByLabelText(/^Code/)).toHaveFocus();
  });

  it("asks Amazon for its marketplace id, and shows the server's refusal under the field it names", async () => {
    const u = user();
    renderForm(<Connect />);
    await u.selectOptions(screen.getByLabelText("Kind"), "amazon");
    await u.clear(screen.getByLabelText(/^Marketplace id/));
    await u.click(screen.getByRole("button", { name: "Connect" }));
    expect(screen.getByLabelText(/^Marketplace id/)).toHaveAccessibleDescription(
      expect.stringContaining("Amazon needs the marketplace id"),
    );
    expect(mutations["channels:connect"]).not.toHaveBeenCalled();

    await u.type(screen.getByLabelText(/^Marketplace id/), "ATVPDKIKX0DER");
    mutations["channels:connect"].mockRejectedValueOnce(
      refusal("DUPLICATE", "That channel code is taken.", { code: "A channel amazon-us already exists." }),
    );
    await retype(u, /^Code/, "amazon-us");
    await press("Connect");
    expect(mutations["channels:connect"]).toHaveBeenCalledWith(
      expect.objectContaining({
        code: "amazon-us",
        kind: "amazon",
        settings: expect.objectContaining({ marketplaceId: "ATVPDKIKX0DER" }),
      }),
    );
    expect(screen.getByRole("alert")).toHaveTextContent("That channel code is taken.");
    expect(screen.getByLabelText(/^Code/)).toHaveAccessibleDescription(
      expect.stringContaining("A channel amazon-us already exists."),
    );
  });
});

describe("MappingForm", () => {
  let mutations: ReturnType<typeof mockMutations>;
  const mug = { _id: "p1" as Id<"products">, sku: "MUG", name: "Mug", priceMinor: 900, currency: "USD", barcodes: [] };
  beforeEach(() => {
    mutations = mockMutations({ "channels:saveMapping": { released: 0, more: false } });
    mockQueries({ "products:search": [mug] });
  });
  const draft: MappingDraft = {
    channel: "amazon-us",
    listingSku: "MUG-2PK",
    components: [{ label: "", quantity: "2" }],
  };

  it("saves a pack of one product with its units", async () => {
    const u = user();
    renderForm(<Mapping initial={draft} />);
    await u.type(screen.getByLabelText(/^Product 1/), "MUG");
    await u.click(await screen.findByRole("option", { name: /MUG/ }));
    await u.click(screen.getByRole("button", { name: "Save mapping" }));
    expect(mutations["channels:saveMapping"]).toHaveBeenCalledWith({
      channel: "amazon-us",
      listingSku: "MUG-2PK",
      title: undefined,
      components: [{ productId: "p1", quantity: 2 }],
    });
  });

  it("does not save without a product or with zero units, and says so beside each", async () => {
    const u = user();
    renderForm(<Mapping initial={draft} />);
    await retype(u, /Units per listing/, "0");
    await press("Save mapping");
    expect(mutations["channels:saveMapping"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Product 1/)).toHaveAccessibleDescription("Choose a product.");
    expect(screen.getByLabelText(/Units per listing/)).toHaveAccessibleDescription("A whole number from 1.");
    expect(screen.getByLabelText(/^Product 1/)).toHaveFocus();
  });

  it("shows the server's refusal of a component under it", async () => {
    mutations["channels:saveMapping"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", {
        "components.0.productId": "MUG is archived.",
      }),
    );
    renderForm(
      <Mapping initial={{ ...draft, components: [{ productId: mug._id, label: "MUG — Mug", quantity: "2" }] }} />,
    );
    await press("Save mapping");
    expect(screen.getByLabelText(/^Product 1/)).toHaveAccessibleDescription("MUG is archived.");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });
});
