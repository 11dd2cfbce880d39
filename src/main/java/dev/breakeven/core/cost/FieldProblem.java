package dev.breakeven.core.cost;

/** One thing wrong with one input, worded for the person who typed it. */
public record FieldProblem(CostInput input, String message) {
    @Override
    public String toString() {
        return input.label() + ": " + message;
    }
}
