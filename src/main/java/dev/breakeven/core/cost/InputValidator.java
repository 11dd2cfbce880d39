package dev.breakeven.core.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks inputs before the model sees them: blank, not a number, negative, zero where zero makes no sense,
 * absurdly large (a likely typing slip), and the few cross-field rules (idle power above load power,
 * resale above purchase price). One message per field at most, so a form can show it inline.
 */
public final class InputValidator {
    private InputValidator() {
    }

    public static List<FieldProblem> validate(RangeInputs inputs) {
        List<FieldProblem> problems = new ArrayList<>();
        for (CostInput key : CostInput.values()) {
            String message = check(key, inputs.get(key));
            if (message != null) {
                problems.add(new FieldProblem(key, message));
            }
        }
        crossChecks(inputs, problems);
        return problems;
    }

    /** The problem with one field's value on its own, or null when it is fine. */
    public static String check(CostInput key, Range range) {
        if (range == null) {
            return key.optional() ? null : "required";
        }
        for (double v : new double[] {range.low(), range.mid(), range.high()}) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return "not a finite number";
            }
        }
        if (range.low() > range.high()) {
            return "the low end is above the high end";
        }
        if (range.mid() < range.low() || range.mid() > range.high()) {
            return "the central value lies outside its range";
        }
        if (range.low() < key.min()) {
            return key.min() == 0 ? "must not be negative" : "must be at least " + RangeText.format(key.min());
        }
        if (!key.zeroAllowed() && range.low() <= 0) {
            return "must be more than 0";
        }
        if (range.high() > key.max()) {
            return "looks wrong: above " + RangeText.format(key.max()) + " " + key.unit();
        }
        return null;
    }

    private static void crossChecks(RangeInputs inputs, List<FieldProblem> problems) {
        Range idle = inputs.get(CostInput.WATTS_IDLE);
        Range load = inputs.get(CostInput.WATTS_LOAD);
        if (idle != null && load != null && idle.mid() > load.mid() && !has(problems, CostInput.WATTS_IDLE)) {
            problems.add(new FieldProblem(CostInput.WATTS_IDLE, "idle power is above the power under load"));
        }
        Range resale = inputs.get(CostInput.RESALE_USD);
        Range hardware = inputs.get(CostInput.HARDWARE_USD);
        Range other = inputs.get(CostInput.OTHER_PARTS_USD);
        if (resale != null && hardware != null && !has(problems, CostInput.RESALE_USD)) {
            double paid = hardware.mid() + (other == null ? 0 : other.mid());
            if (resale.mid() > paid) {
                problems.add(new FieldProblem(CostInput.RESALE_USD, "resale value is above what the rig cost"));
            }
        }
    }

    private static boolean has(List<FieldProblem> problems, CostInput key) {
        return problems.stream().anyMatch(p -> p.input() == key);
    }
}
