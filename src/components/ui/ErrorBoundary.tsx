/**
 * Catches a page's render errors (a live query that the server refused throws during render)
 * and shows an ErrorState; reset when the route changes or on "Try again".
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorState } from "./ErrorState";

type Props = { children: ReactNode; resetKey?: string; fallback?: (error: unknown, reset: () => void) => ReactNode };
type State = { error: unknown; key?: string; failed: boolean };

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: undefined, failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { key: props.resetKey, error: undefined, failed: false };
    return null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept in the console for developers; the page shows a sentence only.
    console.error(error, info.componentStack);
  }

  reset = () => this.setState({ error: undefined, failed: false });

  render() {
    if (this.state.failed) {
      return this.props.fallback ? (
        this.props.fallback(this.state.error, this.reset)
      ) : (
        <ErrorState error={this.state.error} onRetry={this.reset} />
      );
    }
    return this.props.children;
  }
}
