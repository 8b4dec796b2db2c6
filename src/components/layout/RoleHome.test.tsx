import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { MeContext, type Me } from "../../features/members/hooks/useMe";
import { homeFor, RoleHome } from "./RoleHome";

describe("RoleHome", () => {
  it("sends each role to its own work", () => {
    expect(homeFor("floor")).toBe("/floor/pick");
    expect(homeFor("supervisor")).toBe("/boards");
    expect(homeFor("admin")).toBe("/orders");
  });

  it("a floor member signing in lands on Pick", () => {
    render(
      <MeContext.Provider value={{ _id: "m3", name: "Fran", email: "f@x", role: "floor" } as Me}>
        <MemoryRouter initialEntries={["/"]}>
          <Routes>
            <Route path="/" element={<RoleHome />} />
            <Route path="/floor/pick" element={<p>Pick lists</p>} />
          </Routes>
        </MemoryRouter>
      </MeContext.Provider>,
    );
    expect(screen.getByText("Pick lists")).toBeInTheDocument();
  });
});
