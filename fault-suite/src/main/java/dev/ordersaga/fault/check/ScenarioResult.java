package dev.ordersaga.fault.check;

import java.time.Duration;
import java.util.List;

/**
 * What one scenario showed, from outside.
 *
 * @param accepted orders answered 202
 * @param notAccepted orders refused or left without an answer (while an instance or the database was down)
 * @param lost accepted orders order-service no longer knows (404)
 * @param stuck accepted orders not final within the bound
 * @param wrongOutcome final orders whose status is not what their customer did
 * @param oversoldUnits units of PAID orders beyond the stock put, over all products
 * @param duplicateEffects histories with a status twice or after the final one, and orders holding two payment
 *     authorisations
 * @param stockOff products whose stock does not add up: available + reserved + committed != stock put, reserved
 *     != 0 once every order is final, or committed != the units of the PAID orders
 * @param deadLetters "expected = found" per dead-letter topic
 * @param deadLettersAsExpected every dead-letter topic holds exactly the poison written for it
 * @param maxTimeToFinal the longest any order took from 202 to its final status
 * @param recovery from the fault until an order placed after it had its reservation decided
 * @param problems examples of what failed, for the report
 */
public record ScenarioResult(String scenario, String fault, int accepted, int notAccepted, int lost, int stuck,
                             int wrongOutcome, int oversoldUnits, int duplicateEffects, int stockOff,
                             String deadLetters, boolean deadLettersAsExpected, Duration maxTimeToFinal,
                             Duration recovery, List<String> problems) {

    public ScenarioResult {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return lost == 0 && stuck == 0 && wrongOutcome == 0 && oversoldUnits == 0 && duplicateEffects == 0
                && stockOff == 0 && deadLettersAsExpected;
    }
}
